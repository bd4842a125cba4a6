package io.authstack.keycloak.risk;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.authentication.actiontoken.DefaultActionToken;

/**
 * The signed, expiring link that approves exactly one device for one user: the device's fingerprint travels
 * in the token, so approving it cannot approve any other device. Single-use: the handler revokes it when it
 * is used ({@link DeviceApprovalActionTokenHandler}).
 *
 * @see <a href="https://www.keycloak.org/docs/latest/server_development/#_action_token_spi">Action token SPI</a>
 */
public final class DeviceApprovalActionToken extends DefaultActionToken {

	public static final String TOKEN_TYPE = "authstack-device-approval";

	@JsonProperty("did")
	private String deviceId;

	@JsonProperty("dlb")
	private String deviceLabel;

	@JsonProperty("ipp")
	private String ipPrefix;

	@JsonProperty("dkp")
	private int devicesKept;

	DeviceApprovalActionToken(String userId, String email, String clientId, int expiresAt, PendingSignIn device) {
		super(userId, TOKEN_TYPE, expiresAt, UUID.randomUUID());
		setEmail(email);
		this.issuedFor = clientId;
		this.deviceId = device.deviceId();
		this.deviceLabel = device.label();
		this.ipPrefix = device.ipPrefix();
		this.devicesKept = device.devicesKept();
	}

	/** For the JSON mapper. */
	private DeviceApprovalActionToken() {
	}

	String getDeviceId() {
		return this.deviceId;
	}

	String getDeviceLabel() {
		return this.deviceLabel;
	}

	String getIpPrefix() {
		return this.ipPrefix;
	}

	int getDevicesKept() {
		return this.devicesKept;
	}

}
